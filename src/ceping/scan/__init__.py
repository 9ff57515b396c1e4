"""Machine inspection: crawl a site, parse its pages, run the checks, emit findings."""
