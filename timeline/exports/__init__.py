"""What leaves the app: the view-model every renderer reads, the export registry and its formats."""
