-- Filter-only searches and their facets read just these columns: a covering index lets them use
-- index-only scans instead of reading the wide rows (texts and tsvectors) of catalogue_search.
CREATE INDEX IF NOT EXISTS "catalogue_search_filter_cover" ON "catalogue_search" ("published_at")
  INCLUDE ("resource_id", "kind", "field_broad", "field_code", "level", "institution_slug", "delivery_mode",
           "is_free", "is_featured", "languages", "credits_x100", "price_minor");
