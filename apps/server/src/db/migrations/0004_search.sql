-- Search: display names are matched by substring (ILIKE) and trigram similarity (%), like handles.
CREATE INDEX accounts_display_name_trgm ON accounts USING gin (display_name gin_trgm_ops);
