// Keyboard and screen-reader strings (issue 6).
export const a11yZh = {
  'a11y.featuresInView': '视图内要素（{n}）',
  'a11y.featuresNone': '当前视图内没有可选要素',
  'a11y.featuresMore': '仅列出前 {n} 个，放大地图可看到更多',
  'a11y.panel': '详情面板',
} as const;

export const a11yEn: Record<keyof typeof a11yZh, string> = {
  'a11y.featuresInView': 'Features in view ({n})',
  'a11y.featuresNone': 'No selectable features in the current view',
  'a11y.featuresMore': 'Only the first {n} are listed; zoom in to see others',
  'a11y.panel': 'Details panel',
};
