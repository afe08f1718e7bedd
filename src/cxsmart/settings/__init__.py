"""What a run is asked to do: the configuration (config), which rules run at which severity
(selection, over the registry of built-in and installed rules), and the ignores applied after them."""
