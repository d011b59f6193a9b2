/**
 * Hands a downloaded file to the browser as a download named `filename`, through an object URL (the
 * file was fetched with the access token in the Authorization header: a plain link would carry none,
 * and a token in a URL would end up in history and logs).
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
