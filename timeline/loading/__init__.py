"""Reading a dataset: the hardened YAML reader, the schema, validation with every quote found, and the frames."""
