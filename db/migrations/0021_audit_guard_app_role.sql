-- Issue 5 (audit log): append-only against TRUNCATE too, and a least-privilege role for the application.

-- The row trigger of 0001 cannot see TRUNCATE; a statement-level trigger can.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

-- atlas_app: what the API server switches to (SET ROLE) after migrating. It owns nothing, may read and
-- write data tables, and may only INSERT and SELECT the audit log, so even a bug or an injected statement
-- in the application cannot rewrite history. Roles are cluster-wide: created once, granted per database.
-- Where the migrating user may not create roles (a managed database), the server runs as that user and
-- logs that only the triggers guard the audit log.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atlas_app') THEN
    BEGIN
      CREATE ROLE atlas_app NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;   -- another database of this cluster created it meanwhile
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'atlas_app not created (no CREATEROLE): the application keeps the connecting role';
        RETURN;
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'atlas_app', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT atlas_app TO %I', current_user);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'cannot grant atlas_app to %: the application keeps the connecting role', current_user;
      RETURN;
    END;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO atlas_app', current_database());
  GRANT USAGE ON SCHEMA public TO atlas_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO atlas_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO atlas_app;
  REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM atlas_app;
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM atlas_app;
  -- Tables later migrations create (run by this same user) get the same data privileges.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO atlas_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO atlas_app;
END $$;
