"""The goal model: the goal-file format, quantities and dates, the metric catalogue, what prose
says (facts), and the arithmetic the rules share."""
