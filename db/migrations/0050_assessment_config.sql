-- Assessment (issue 8): one money unit across the product, and the remaining yearly knobs as data.

-- Targets are stored in 万元 like every other amount (shown as 亿元 in the UI); existing rows were in 亿元.
UPDATE annual_target SET total_amount = total_amount * 10000;
ALTER TABLE annual_target ALTER COLUMN total_amount TYPE numeric(16,2);
COMMENT ON COLUMN annual_target.total_amount IS '万元 (shown as 亿元 = 万元 / 10000)';
COMMENT ON COLUMN annual_target.foreign_amount IS '万美元';

-- 五项制度 (seed 003) days, the start-rate target curve (month-end → share of the year's signed projects
-- started) and how many days between an arrival's date and its recording make it "back-dated".
ALTER TABLE assessment_rule
  ADD COLUMN reminder_days    int NOT NULL DEFAULT 30 CHECK (reminder_days BETWEEN 1 AND 3650),
  ADD COLUMN elimination_days int NOT NULL DEFAULT 90 CHECK (elimination_days BETWEEN 1 AND 3650),
  ADD COLUMN backdate_days    int NOT NULL DEFAULT 30 CHECK (backdate_days BETWEEN 1 AND 3650),
  ADD COLUMN start_rate_curve jsonb NOT NULL
    DEFAULT '[{"month":3,"rate":0.3},{"month":6,"rate":0.8},{"month":10,"rate":1}]'::jsonb
    CHECK (jsonb_typeof(start_rate_curve) = 'array');

-- The ranking and rate queries read arrivals by date and events by stage and project.
CREATE INDEX fund_arrival_arrived_idx ON fund_arrival (arrived_on);
CREATE INDEX project_stage_event_project_idx ON project_stage_event (project_id, stage, entered_on);
