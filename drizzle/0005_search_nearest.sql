-- Nearest first from a GiST index (KNN): the earth's points as cubes, ordered by `<->` (chord
-- distance, monotonic with great-circle distance), so sorting by distance reads a page, not every match.
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_documents_earth_idx" ON "search_documents" USING gist (ll_to_earth("lat", "lng"));
