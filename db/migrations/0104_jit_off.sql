-- Issue 10, tiles on a dense city: PostgreSQL's JIT compiles a statement whose estimated cost passes jit_above_cost,
-- counting branches that never run: a park tile's view has a live branch behind a one-time filter (migration 0103)
-- and paid 0.55 s of JIT inlining and optimisation for it on every tile of the scale-1000 city. The statements here
-- are short (tiles, lists, GraphQL pages); JIT is off for this database (new sessions). Only an owner may do this:
-- elsewhere the migration leaves the setting as it is and says so.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege OR feature_not_supported THEN
  RAISE NOTICE 'jit left as it is: %', SQLERRM;
END $$;
