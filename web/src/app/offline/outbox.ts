// How a new report leaves the phone. Today: straight to the server. The next slice turns this into
// an outbox kept in IndexedDB: a report sent without a network is stored with its Idempotency-Key
// and sent when the network returns (the key makes a retry harmless), and drafts are kept there too.
import { submitReport, type NewReport, type Report } from '../../shared/api';

export function sendReport(report: NewReport, idempotencyKey: string): Promise<Report> {
  return submitReport(report, idempotencyKey);
}
