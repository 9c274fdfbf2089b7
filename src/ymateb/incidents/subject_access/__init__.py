"""Subject access: finding a child's entries and exporting them with others' names hidden."""
