"""The guidance library: helplines, reporting services and advice, in English and Welsh."""
