"""Tools for the people who write the content: editors' schemas, new projects, the web editor's configuration."""
