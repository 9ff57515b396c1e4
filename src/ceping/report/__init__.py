"""Reports: the notice (通报), unit reports, score tables and charts."""
