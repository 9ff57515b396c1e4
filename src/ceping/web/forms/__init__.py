"""Django forms of the web pages (validation of what people type; rules live in ceping.campaign)."""
