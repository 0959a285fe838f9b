/** Saves a file the server sent as base64 (XLSX exports, the ledger template). */
export function downloadBase64(file: { fileName: string; mimeType: string; contentBase64: string }): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Today in China (UTC+8), the default as-of date. */
export const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
