// The words of the dossier screens, in their own chunk: Vietnamese, the reference, and English
// with the same keys (the headings and the home tile are in the first load's catalogue).
import { lang } from '../../../shared/i18n';
import type { DossierStatus } from './api';

const vi = {
  'lookup.title': 'Tra cứu bằng mã hồ sơ',
  'lookup.hint': 'Mã hồ sơ và mã tra cứu in trên giấy biên nhận của bộ phận Một cửa.',
  'lookup.code': 'Mã hồ sơ',
  'lookup.code_hint': 'Ví dụ 38.98.H29-261120-0001',
  'lookup.secret': 'Mã tra cứu',
  'lookup.secret_hint': '6 đến 32 chữ cái hoặc chữ số, in ngay dưới mã hồ sơ.',
  'lookup.submit': 'Tra cứu',
  'lookup.busy': 'Đang tra cứu…',
  'lookup.missing': 'Hãy nhập cả mã hồ sơ và mã tra cứu.',
  'lookup.result': 'Hồ sơ {code}',
  'mine.title': 'Hồ sơ của tôi',
  'mine.hint': 'Hồ sơ đứng tên bạn, theo số định danh cá nhân trên VNeID.',
  'mine.empty': 'Chưa có hồ sơ nào đứng tên bạn.',
  'mine.appointment': 'Hẹn trả {date}',
  'mine.updated': 'Vừa có cập nhật.',
  'view.status': 'Trạng thái',
  'view.procedure': 'Thủ tục',
  'view.agency': 'Nơi tiếp nhận',
  'view.applicant': 'Người nộp',
  'view.id_number': 'Số định danh',
  'view.submitted': 'Ngày nộp',
  'view.appointment': 'Ngày hẹn trả',
  'view.completed': 'Ngày hoàn thành',
  'view.overdue': 'Quá hẹn',
  'view.masked': 'Thông tin người nộp được che một phần để bảo vệ dữ liệu cá nhân.',
  'view.timeline': 'Quá trình xử lý',
  'view.timeline_updated': 'Quá trình xử lý vừa được cập nhật: {status}.',
  'view.not_mine': 'Hồ sơ này không đứng tên bạn. Bạn vẫn có thể tra cứu bằng mã tra cứu trên giấy biên nhận.',
  'status.received': 'Đã tiếp nhận',
  'status.processing': 'Đang giải quyết',
  'status.more_documents_required': 'Cần bổ sung giấy tờ',
  'status.ready_to_return': 'Đã có kết quả, chờ trả',
  'status.returned': 'Đã trả kết quả',
  'status.rejected': 'Không giải quyết',
};

type DossierKey = keyof typeof vi;

const en: Record<DossierKey, string> = {
  'lookup.title': 'Look up by dossier code',
  'lookup.hint': 'The dossier code and the lookup secret are printed on the receipt from the one-stop desk.',
  'lookup.code': 'Dossier code',
  'lookup.code_hint': 'For example 38.98.H29-261120-0001',
  'lookup.secret': 'Lookup secret',
  'lookup.secret_hint': '6 to 32 letters or digits, printed just below the dossier code.',
  'lookup.submit': 'Look up',
  'lookup.busy': 'Looking up…',
  'lookup.missing': 'Enter both the dossier code and the lookup secret.',
  'lookup.result': 'Dossier {code}',
  'mine.title': 'My dossiers',
  'mine.hint': 'Dossiers in your name, by the ID number on your VNeID.',
  'mine.empty': 'There is no dossier in your name yet.',
  'mine.appointment': 'Due {date}',
  'mine.updated': 'Just updated.',
  'view.status': 'Status',
  'view.procedure': 'Procedure',
  'view.agency': 'Received at',
  'view.applicant': 'Applicant',
  'view.id_number': 'ID number',
  'view.submitted': 'Submitted',
  'view.appointment': 'Result promised for',
  'view.completed': 'Completed',
  'view.overdue': 'Overdue',
  'view.masked': 'The applicant is partly hidden to protect personal data.',
  'view.timeline': 'Progress',
  'view.timeline_updated': 'The progress was just updated: {status}.',
  'view.not_mine': 'This dossier is not in your name. You can still look it up with the lookup secret on its receipt.',
  'status.received': 'Received',
  'status.processing': 'Being processed',
  'status.more_documents_required': 'More documents required',
  'status.ready_to_return': 'Ready to collect',
  'status.returned': 'Returned',
  'status.rejected': 'Refused',
};

export function dt(key: DossierKey, params?: Record<string, string | number>): string {
  const text = lang() === 'en' ? en[key] : vi[key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

export function statusLabel(status: DossierStatus): string {
  return dt(`status.${status}`);
}
