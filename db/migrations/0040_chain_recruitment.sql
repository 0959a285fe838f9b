-- Chain leaders (issue 7): candidate scoring weights, firm-to-node mapping decisions, the target status
-- history and activity participants, and the 提醒制 / 淘汰制 day counts — all as data, not code.

-- What a node's enterprises look like, so outside firms can be matched to it (GB/T 4754 class, name words).
ALTER TABLE chain_node ADD COLUMN industry_code text CHECK (industry_code IS NULL OR industry_code ~ '^[A-T]([0-9]{2,4})?$');
ALTER TABLE chain_node ADD COLUMN keywords text[] NOT NULL DEFAULT '{}';

-- Weights of the candidate score (DOMAIN.md "Chain gap analysis": weights are data). One row per factor;
-- tag:<tag> and source:<region> rows score each tag and each priority source region separately.
CREATE TABLE candidate_weight (
  factor       text PRIMARY KEY CHECK (factor ~ '^[a-z_]+(:.+)?$'),
  weight       numeric(8,2) NOT NULL CHECK (weight BETWEEN -1000 AND 1000),
  description  text NOT NULL
);
INSERT INTO candidate_weight (factor, weight, description) VALUES
  ('fit', 40, '与环节匹配度 fit to the node: 1 mapped to the node, 0.8 same industry class, 0.6 name keyword, 0.4 same industry group'),
  ('scale', 15, '规模 scale: revenue on a log scale, 0 at 1000万元 to 1 at 1000亿元'),
  ('link', 6, '以商引商 links: supplier or customer relations with local enterprises on the same chain (each, at most 3)'),
  ('tag:global500', 12, '世界500强'),
  ('tag:china500', 8, '中国500强'),
  ('tag:industry_leader', 8, '行业龙头'),
  ('tag:listed', 5, '上市'),
  ('tag:little_giant', 6, '专精特新"小巨人"'),
  ('tag:high_tech', 3, '高新技术企业'),
  ('tag:gazelle', 4, '瞪羚'),
  ('tag:unicorn', 6, '独角兽'),
  ('source:长三角', 8, '产业转移优先来源地 长三角'),
  ('source:珠三角', 8, '产业转移优先来源地 珠三角'),
  ('source:京津冀', 5, '产业转移优先来源地 京津冀'),
  ('dropped', -20, '已淘汰 penalty: the enterprise was dropped as a target on this chain before'),
  ('in_pipeline', -30, '已在库 penalty: the enterprise is already an open target on this chain');

-- Firm-to-node mapping decisions of chain leaders: a rejected suggestion is not suggested again.
-- (A confirmed one becomes an enterprise_chain_node row, which is what gap status counts.)
CREATE TABLE node_mapping_rejection (
  enterprise_id  int NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  chain_node_id  int NOT NULL REFERENCES chain_node(id) ON DELETE CASCADE,
  reason         text NOT NULL,
  rejected_by    int,
  rejected_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, chain_node_id)
);

-- 来访考察: the enterprise visits us (拜访 is us visiting them).
ALTER TYPE activity_kind ADD VALUE IF NOT EXISTS 'inspection';
ALTER TABLE target_activity ADD COLUMN participants text;
ALTER TABLE target_activity ADD COLUMN recorded_by int;

-- Every status a target entered, with its date: the basis of 淘汰制 (no progress for M days) at any as-of date.
CREATE TABLE target_status_event (
  id          serial PRIMARY KEY,
  target_id   int NOT NULL REFERENCES target_enterprise(id) ON DELETE CASCADE,
  status      target_status NOT NULL,
  entered_on  date NOT NULL,
  reason      text,
  actor_id    int,
  UNIQUE (target_id, status)
);
CREATE INDEX target_status_event_target_idx ON target_status_event (target_id, entered_on);
CREATE INDEX project_target_idx ON project (target_enterprise_id);

-- 提醒制 / 淘汰制 day counts (seed 003 says "configurable"). Kept apart from the assessment rules table.
CREATE TABLE pipeline_rule (
  key          text PRIMARY KEY CHECK (key IN ('reminder_days', 'elimination_days')),
  days         int NOT NULL CHECK (days BETWEEN 1 AND 3650),
  description  text NOT NULL
);
INSERT INTO pipeline_rule (key, days, description) VALUES
  ('reminder_days', 30, '提醒制: an open target or a negotiating project with no activity for this many days is flagged to its owner'),
  ('elimination_days', 90, '淘汰制: a lead (target or project) with no progress for this many days is proposed for elimination');
