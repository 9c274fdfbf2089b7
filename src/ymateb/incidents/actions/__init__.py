"""The action plan: parents, support, deletion, take-down, education, staff welfare."""
