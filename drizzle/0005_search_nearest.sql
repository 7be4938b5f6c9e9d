-- Nearest first from a GiST index (KNN): the earth's points as cubes, ordered by `<->` (chord
-- distance, monotonic with great-circle distance), so sorting by distance reads a page, not every
-- match. Only where earthdistance is available (PostgreSQL); PGlite sorts by computed distance.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'earthdistance') THEN
    CREATE EXTENSION IF NOT EXISTS cube;
    CREATE EXTENSION IF NOT EXISTS earthdistance;
    CREATE INDEX IF NOT EXISTS "search_documents_earth_idx" ON "search_documents" USING gist (ll_to_earth("lat", "lng"));
  END IF;
END $$;
