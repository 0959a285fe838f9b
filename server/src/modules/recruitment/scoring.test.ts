import { describe, expect, it } from 'vitest';
import { fitOf, scaleOf, scoreOf, scoreParts, type CandidateFacts } from './scoring';

const node = { industryCode: 'C1495', keywords: ['磷脂科技', '生物工程'] };
const base: CandidateFacts = {
  mappedToNode: false, industryCode: 'C1495', name: '苏州某某磷脂科技有限公司', revenue: 100000, tags: ['listed', 'high_tech'],
  sourceRegion: '长三角', links: 5, droppedOnChain: false, openOnChain: true,
};
const W = new Map<string, number>([
  ['fit', 40], ['scale', 15], ['link', 6], ['tag:listed', 5], ['tag:high_tech', 3], ['source:长三角', 8], ['dropped', -20], ['in_pipeline', -30],
]);

describe('candidate score', () => {
  it('grades fit by mapping, industry class, keyword, industry group', () => {
    expect(fitOf({ ...base, mappedToNode: true }, node)).toBe(1);
    expect(fitOf(base, node)).toBe(0.8);
    expect(fitOf({ ...base, industryCode: 'C3091' }, node)).toBe(0.6);
    expect(fitOf({ ...base, industryCode: 'C1491', name: '某公司' }, node)).toBe(0.4);
    expect(fitOf({ ...base, industryCode: 'C3091', name: '某公司' }, node)).toBe(0);
  });

  it('puts scale on a log scale from 1000万元 to 1000亿元', () => {
    expect(scaleOf(1000)).toBe(0);
    expect(scaleOf(100000)).toBe(0.5);
    expect(scaleOf(1e8)).toBe(1);
    expect(scaleOf(null)).toBe(0);
  });

  it('shows every part as raw × weight, and the parts sum to the score', () => {
    const parts = scoreParts(base, node, W);
    // fit 0.8×40 = 32; scale 0.5×15 = 7.5; high_tech 3; listed 5; links min(5,3)=3 × 6 = 18; 长三角 8; in pipeline −30 → 43.5
    expect(parts).toEqual([
      { factor: 'fit', raw: 0.8, weight: 40, points: 32 },
      { factor: 'scale', raw: 0.5, weight: 15, points: 7.5 },
      { factor: 'tag:high_tech', raw: 1, weight: 3, points: 3 },
      { factor: 'tag:listed', raw: 1, weight: 5, points: 5 },
      { factor: 'link', raw: 3, weight: 6, points: 18 },
      { factor: 'source:长三角', raw: 1, weight: 8, points: 8 },
      { factor: 'in_pipeline', raw: 1, weight: -30, points: -30 },
    ]);
    expect(scoreOf(parts)).toBe(43.5);
  });
});
