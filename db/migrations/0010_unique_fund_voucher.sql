-- One bank voucher (资金到帐凭证) proves one fund arrival: recording it twice, even by concurrent requests, is refused (CONFLICT).
CREATE UNIQUE INDEX fund_arrival_evidence_ref_key ON fund_arrival (evidence_ref);
