"""The file formats that leave the app (CSV, JSON, HTML, PowerPoint, citations...) and their registry."""
