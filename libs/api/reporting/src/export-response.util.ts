import { attachmentDisposition } from '@switchboard/shared-domain';
import type { Response } from 'express';
import type { ExportSink } from './report-export.service';

/**
 * An export written to an HTTP response as it is produced: headers once the request has been checked
 * (an error before that is answered as JSON by the exception filter), then each chunk with
 * back-pressure (the next page is read only once the reader took the last), no Content-Length (chunked).
 * A reader that goes away stops the export: the next write rejects.
 */
export function responseSink(response: Response): ExportSink {
  const gone = () => response.destroyed || response.writableEnded;
  return {
    begin({ name, contentType }) {
      response.status(200);
      response.setHeader('Content-Type', contentType);
      response.setHeader('Content-Disposition', attachmentDisposition(name));
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Cache-Control', 'private, no-store');
    },
    write(chunk) {
      if (gone()) return Promise.reject(new Error('The reader of the export went away.'));
      if (response.write(chunk)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onDrain = () => (response.off('close', onClose), resolve());
        const onClose = () => (response.off('drain', onDrain), reject(new Error('The reader of the export went away.')));
        response.once('drain', onDrain);
        response.once('close', onClose);
      });
    },
    end() {
      if (!gone()) response.end();
    },
  };
}
