"""Reports for people: the HTML scorecard and cascade, the markdown summary, the terminal tree."""
