import { attachmentDisposition, attachmentRefusal, attachmentsAllowed, cleanAttachmentFilename, downloadContentType, formatBytes, storedContentType } from './attachment.util';

describe('attachments', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['C:\\fakepath\\report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['folder/sub/photo 1.jpg', 'photo 1.jpg'],
    ['bad\u0000name\r\n.txt', 'badname .txt'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['  lots   of\tspace .txt ', 'lots of space .txt'],
    ['Überweisung 📎.pdf', 'Überweisung 📎.pdf'],
    ['.htaccess', '.htaccess'],
  ])('%j is kept as %j', (raw, kept) => expect(cleanAttachmentFilename(raw)).toEqual({ ok: true, filename: kept }));

  it.each([[''], ['   '], ['..'], ['.'], ['a/b/'], ['\u0001\u0002'], ['dir\\..']])('%j is refused: nothing usable is left', (raw) => {
    expect(cleanAttachmentFilename(raw)).toMatchObject({ ok: false });
  });

  it('shortens a long name to 255 characters, keeping its extension', () => {
    const verdict = cleanAttachmentFilename(`${'a'.repeat(300)}.docx`);
    expect(verdict.ok && verdict.filename.length).toBe(255);
    expect(verdict.ok && verdict.filename.endsWith('a.docx')).toBe(true);
  });

  it.each([
    ['text/plain; charset=utf-8', 'text/plain'],
    ['IMAGE/PNG', 'image/png'],
    ['text/html', 'text/html'],
    [undefined, 'application/octet-stream'],
    ['', 'application/octet-stream'],
    ['not a type', 'application/octet-stream'],
    ['text/html\r\nX-Evil: 1', 'application/octet-stream'],
  ])('a file sent as %j is kept as %j', (header, kept) => expect(storedContentType(header)).toBe(kept));

  it.each([
    ['image/png', 'image/png'],
    ['application/pdf', 'application/pdf'],
    ['text/plain', 'text/plain'],
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/xhtml+xml', 'application/octet-stream'],
    ['text/xml', 'application/octet-stream'],
    ['application/javascript', 'application/octet-stream'],
    ['made/up', 'application/octet-stream'],
  ])('a file kept as %s is served as %s', (stored, served) => expect(downloadContentType(stored)).toBe(served));

  it('always names the file as an attachment, with a plain fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(attachmentDisposition('Überweisung "final"; v2 (1).pdf')).toBe(
      `attachment; filename="_berweisung _final__ v2 (1).pdf"; filename*=UTF-8''%C3%9Cberweisung%20%22final%22%3B%20v2%20%281%29.pdf`,
    );
  });

  it.each([
    ['email', 'reply', true],
    ['email', 'note', true],
    ['chat', 'note', true],
    ['chat', 'reply', false],
    ['social', 'reply', false],
    ['voice', 'reply', false],
  ] as const)('%s %s may carry files: %s', (channel, kind, allowed) => expect(attachmentsAllowed(channel, kind)).toBe(allowed));

  it('refuses a file over the limit, an empty one and a sixth before any upload', () => {
    expect(attachmentRefusal({ name: 'a.pdf', size: 10 * 1024 * 1024 }, 0)).toBeNull();
    expect(attachmentRefusal({ name: 'big.mov', size: 10 * 1024 * 1024 + 1 }, 0)).toBe('“big.mov” is 10,485,761 bytes; files may be at most 10 MB.');
    expect(attachmentRefusal({ name: 'huge.mov', size: 25 * 1024 * 1024 }, 0)).toBe('“huge.mov” is 25 MB; files may be at most 10 MB.');
    expect(attachmentRefusal({ name: 'empty.txt', size: 0 }, 0)).toBe('“empty.txt” is empty.');
    expect(attachmentRefusal({ name: 'six.txt', size: 10 }, 5)).toBe('“six.txt” was not attached: a message carries at most 5 files.');
  });

  it.each([
    [12, '12 bytes'],
    [2048, '2 KB'],
    [1_572_864, '1.5 MB'],
  ])('%d bytes read as %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
