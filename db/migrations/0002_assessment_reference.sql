-- Assessment reference data (seed 004). Coefficients are data per year, editable later; these are the published defaults.
INSERT INTO assessment_category (code, name, description) VALUES
  ('manufacturing',    '制造业',            'Manufacturing'),
  ('agriculture',      '农业',              'Agriculture with a legal entity and at least 100万元 fixed assets'),
  ('social',           '文化教育卫生福利',   'Culture, education, health and welfare'),
  ('tourism',          '旅游开发',          'Tourism development'),
  ('standard_factory', '标准化厂房',        'Standard factory buildings'),
  ('logistics',        '仓储物流',          'Warehousing and logistics of at least 1亿元'),
  ('ecommerce',        '电子商务',          'E-commerce'),
  ('intermediary',     '中介服务',          'Intermediary services'),
  ('finance',          '金融服务',          'Financial services (banks, loan and micro-loan companies, venture capital, pawn, guarantee): registered capital or operating funds'),
  ('large_retail',     '大型商贸',          'Large retail of at least 10,000 m²'),
  ('hotel',            '四星级以上酒店',     'Hotels of four stars or more'),
  ('auto_4s',          '汽车4S店',          'Car 4S stores'),
  ('leisure',          '休闲娱乐连锁',       'Leisure and entertainment chains of at least 5,000 m²'),
  ('infrastructure',   '政府保障回报的基础设施和公益项目', 'Infrastructure and public-welfare projects whose returns the government guarantees (excluded)');

INSERT INTO assessment_coefficient (year, category_code, coefficient, basis)
SELECT y, c.code,
       CASE WHEN c.code IN ('large_retail', 'hotel', 'auto_4s', 'leisure') THEN 0.7
            WHEN c.code = 'infrastructure' THEN 0
            ELSE 1 END,
       (CASE WHEN c.code = 'finance' THEN 'registered_capital' ELSE 'funds_in_place' END)::coefficient_basis
FROM assessment_category c, generate_series(2024, 2027) AS y;

INSERT INTO assessment_rule (year) SELECT generate_series(2024, 2027);
