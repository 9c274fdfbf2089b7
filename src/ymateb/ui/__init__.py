"""What every page is built from, below the apps that use it: the base form (which refuses
image data in every field and feeds the GOV.UK error summary), dates typed as day, month and
year, and the language of the page."""
