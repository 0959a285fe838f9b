// Project-ledger import SQL. Values are always `$n` parameters.

/** Names and codes the ledger may use for units, categories, parks and regions. */
export const LEDGER_REFERENCES = `
  SELECT 'unit' AS kind, id::text AS id, code AS a, name AS b FROM assessment_unit
  UNION ALL SELECT 'category', code, code, name FROM assessment_category
  UNION ALL SELECT 'park', id::text, name, name FROM park
  UNION ALL SELECT 'region', id::text, code, name FROM region`;

/** The projects the file names ($1 codes), with the columns an import may change. */
export const PROJECTS_BY_CODE = `
  SELECT p.id, p.code, p.name, p.introducing_unit_id AS unit, p.category_code AS category, p.park_id AS park, p.region_id AS region,
         p.agreed_investment::text AS agreed, p.planned_total_investment::text AS planned, p.fixed_asset_investment::text AS "fixedAsset",
         p.foreign_investment::text AS foreign, p.land_need_mu::text AS "landMu", p.company_uscc AS uscc, p.company_registered_on::text AS "registeredOn",
         p.stage::text AS stage
  FROM project p WHERE p.code = ANY($1::text[])`;

/** Recorded stage dates of those projects ($1 ids). */
export const EVENTS_OF = `SELECT project_id AS "projectId", stage::text AS stage, entered_on::text AS "enteredOn" FROM project_stage_event WHERE project_id = ANY($1::int[])`;

/** Recorded arrivals of those projects ($1 ids), to skip the ones a re-import repeats. */
export const ARRIVALS_OF = `
  SELECT project_id AS "projectId", arrived_on::text AS "arrivedOn", amount::text AS amount, evidence_ref AS "evidenceRef"
  FROM fund_arrival WHERE project_id = ANY($1::int[])`;

export const INSERT_LEDGER_PROJECT = `
  INSERT INTO project (code, name, introducing_unit_id, category_code, park_id, region_id, stage, agreed_investment, planned_total_investment,
                       fixed_asset_investment, foreign_investment, land_need_mu, company_uscc, company_registered_on)
  VALUES ($1, $2, $3, $4, $5, $6, $7::project_stage, $8, $9, $10, $11, $12, $13, $14) RETURNING id`;

export const UPDATE_LEDGER_PROJECT = `
  UPDATE project SET name = $2, introducing_unit_id = $3, category_code = $4, park_id = $5, region_id = $6, stage = $7::project_stage,
         agreed_investment = $8, planned_total_investment = $9, fixed_asset_investment = $10, foreign_investment = $11, land_need_mu = $12,
         company_uscc = $13, company_registered_on = $14, updated_at = now()
  WHERE id = $1`;

export const INSERT_LEDGER_EVENT = `INSERT INTO project_stage_event (project_id, stage, entered_on, actor_id) VALUES ($1, $2::project_stage, $3, $4)`;

export const INSERT_LEDGER_ARRIVAL = `
  INSERT INTO fund_arrival (project_id, arrived_on, amount, foreign_amount, kind, evidence_ref, evidence_note, recorded_by)
  VALUES ($1, $2, $3, $4, $5::fund_kind, $6, '台账导入', $7) RETURNING id`;

/** A project with a park but no point is placed inside its park so the map can show it. */
export const PLACE_LEDGER_PROJECT = `
  UPDATE project p SET location = ST_PointOnSurface(k.boundary) FROM park k WHERE p.id = $1 AND k.id = p.park_id AND p.location IS NULL`;
