// The citizen app's words for public services (thủ tục hành chính): the search, the procedure's
// page, the home tile and the navigation. Vietnamese is the reference; English has the same keys
// (the type checker enforces it).
import { lang } from '../../../shared/i18n';

const vi = {
  'nav.services': 'Dịch vụ công',
  'home.tile': 'Thủ tục hành chính',
  'home.tile_hint': 'Tra cứu thủ tục: hồ sơ cần có, nộp ở đâu, bao lâu, lệ phí.',
  'search.title': 'Thủ tục hành chính',
  'search.lead': 'Tra cứu thủ tục hành chính: cần giấy tờ gì, nộp ở đâu, mất bao lâu và lệ phí bao nhiêu.',
  'search.label': 'Tìm thủ tục',
  'search.hint': 'Gõ tên thủ tục hoặc mã số, có dấu hay không dấu đều được, ví dụ “dang ky khai sinh”.',
  'search.submit': 'Tìm',
  'filter.title': 'Lọc kết quả',
  'filter.field': 'Lĩnh vực',
  'filter.agency': 'Cơ quan thực hiện',
  'filter.level': 'Cấp thực hiện',
  'filter.all': 'Tất cả',
  'filter.option': '{value} ({count})',
  'filter.clear': 'Bỏ lọc',
  'level.ministry': 'Cấp bộ',
  'level.province': 'Cấp tỉnh, thành phố',
  'level.district': 'Cấp huyện',
  'level.commune': 'Cấp xã, phường',
  'level.other': 'Cơ quan khác',
  'results.count': 'Có {n} thủ tục.',
  'results.count_one': 'Có 1 thủ tục.',
  'results.none': 'Không có thủ tục nào phù hợp.',
  'results.label': 'Kết quả tìm kiếm',
  'results.more': 'Xem thêm thủ tục',
  'item.code': 'Mã',
  'item.field': 'Lĩnh vực',
  'item.agency': 'Cơ quan',
  'item.time_limit': 'Thời hạn',
  'item.fee': 'Phí, lệ phí',
  'item.unknown': 'Chưa có thông tin',
  'page.code': 'Mã thủ tục',
  'page.level': 'Cấp thực hiện',
  'page.competent_agency': 'Cơ quan có thẩm quyền',
  'page.performing_agency': 'Cơ quan thực hiện',
  'page.submit_at': 'Nơi nộp hồ sơ',
  'page.audience': 'Đối tượng thực hiện',
  'page.channels': 'Cách nộp, thời hạn và lệ phí',
  'page.channel': 'Cách nộp',
  'page.steps': 'Các bước thực hiện',
  'page.documents': 'Hồ sơ cần chuẩn bị',
  'page.document': 'Giấy tờ',
  'page.form': 'Mẫu đơn, tờ khai',
  'page.count': 'Số lượng',
  'page.conditions': 'Yêu cầu, điều kiện',
  'page.result': 'Kết quả',
  'page.legal_basis': 'Căn cứ pháp lý',
  'page.source': 'Xem trên Cổng Dịch vụ công quốc gia',
  'page.back': 'Về tra cứu thủ tục',
  'page.none': 'Không có.',
  'channel.in_person': 'Trực tiếp',
  'channel.online': 'Trực tuyến',
  'channel.post': 'Qua bưu chính',
} as const;

export type ServiceTextKey = keyof typeof vi;

const en: Record<ServiceTextKey, string> = {
  'nav.services': 'Services',
  'home.tile': 'Public services',
  'home.tile_hint': 'Look up a procedure: the papers, where to go, how long, the fee.',
  'search.title': 'Public services',
  'search.lead': 'Look up administrative procedures: which papers, where to hand them in, how long it takes and what it costs.',
  'search.label': 'Find a procedure',
  'search.hint': 'Type its name or code, with or without accents, e.g. “dang ky khai sinh”.',
  'search.submit': 'Search',
  'filter.title': 'Narrow the results',
  'filter.field': 'Field',
  'filter.agency': 'Agency',
  'filter.level': 'Level',
  'filter.all': 'All',
  'filter.option': '{value} ({count})',
  'filter.clear': 'Clear filters',
  'level.ministry': 'Ministry',
  'level.province': 'City or province',
  'level.district': 'District',
  'level.commune': 'Ward or commune',
  'level.other': 'Other agencies',
  'results.count': '{n} procedures.',
  'results.count_one': 'One procedure.',
  'results.none': 'No procedure matches.',
  'results.label': 'Search results',
  'results.more': 'More procedures',
  'item.code': 'Code',
  'item.field': 'Field',
  'item.agency': 'Agency',
  'item.time_limit': 'Time limit',
  'item.fee': 'Fee',
  'item.unknown': 'Not published',
  'page.code': 'Procedure code',
  'page.level': 'Level',
  'page.competent_agency': 'Competent agency',
  'page.performing_agency': 'Performing agency',
  'page.submit_at': 'Where to hand in the dossier',
  'page.audience': 'Who may apply',
  'page.channels': 'Ways to apply, time limits and fees',
  'page.channel': 'Way',
  'page.steps': 'Steps',
  'page.documents': 'Documents to prepare',
  'page.document': 'Document',
  'page.form': 'Form',
  'page.count': 'Copies',
  'page.conditions': 'Conditions',
  'page.result': 'Result',
  'page.legal_basis': 'Legal basis',
  'page.source': 'See it on the national public-service portal',
  'page.back': 'Back to the procedure search',
  'page.none': 'None.',
  'channel.in_person': 'In person',
  'channel.online': 'Online',
  'channel.post': 'By post',
};

export function st(key: ServiceTextKey, params?: Record<string, string | number>): string {
  const text = lang() === 'en' ? en[key] : vi[key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

export function levelLabel(level: string): string {
  const key = `level.${level}` as ServiceTextKey;
  return key in vi ? st(key) : level;
}

export function channelLabel(channel: string): string {
  const key = `channel.${channel}` as ServiceTextKey;
  return key in vi ? st(key) : channel;
}
