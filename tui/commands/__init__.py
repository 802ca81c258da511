"""Headless subcommands, one module each; none of them imports Textual."""
