"""Appeals (行政复议、行政诉讼) about disclosure decisions; results feed section 四 of the report."""
