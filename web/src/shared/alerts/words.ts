// The words of hot alerts that the citizen app and the staff console share: CAP 1.2's codes
// (status, message type, category, urgency, severity, certainty) said in Vietnamese and English,
// and the few phrases both show. Vietnamese is the reference; English has the same keys.
import { lang } from '../i18n';
import { catalogue } from '../i18n/catalogue';

const vi = {
  'status.Actual': 'Thật',
  'status.Exercise': 'Diễn tập',
  'status.Test': 'Thử nghiệm kỹ thuật',
  'msg_type.Alert': 'Cảnh báo mới',
  'msg_type.Update': 'Cập nhật',
  'msg_type.Cancel': 'Hủy cảnh báo',
  'category.Met': 'Khí tượng (bão, mưa lớn, triều cường)',
  'category.Geo': 'Địa chất (sạt lở, động đất)',
  'category.Safety': 'An toàn chung',
  'category.Security': 'An ninh',
  'category.Rescue': 'Cứu nạn, cứu hộ',
  'category.Fire': 'Cháy, nổ',
  'category.Health': 'Y tế, dịch bệnh',
  'category.Env': 'Môi trường, ô nhiễm',
  'category.Transport': 'Giao thông',
  'category.Infra': 'Hạ tầng (điện, nước, viễn thông)',
  'category.CBRNE': 'Hóa chất, sinh học, phóng xạ, hạt nhân',
  'category.Other': 'Khác',
  'urgency.Immediate': 'Khẩn cấp, hành động ngay',
  'urgency.Expected': 'Cần hành động sớm (trong khoảng một giờ)',
  'urgency.Future': 'Cần hành động trong thời gian tới',
  'urgency.Past': 'Không còn cần hành động',
  'urgency.Unknown': 'Chưa rõ mức khẩn cấp',
  'severity.Extreme': 'Đặc biệt nguy hiểm',
  'severity.Severe': 'Nguy hiểm',
  'severity.Moderate': 'Nguy hiểm vừa',
  'severity.Minor': 'Nguy hiểm thấp',
  'severity.Unknown': 'Chưa rõ mức nguy hiểm',
  'certainty.Observed': 'Đã xảy ra',
  'certainty.Likely': 'Nhiều khả năng xảy ra',
  'certainty.Possible': 'Có thể xảy ra',
  'certainty.Unlikely': 'Ít khả năng xảy ra',
  'certainty.Unknown': 'Chưa rõ khả năng xảy ra',
  'label.urgency': 'Mức khẩn cấp',
  'label.severity': 'Mức nguy hiểm',
  'label.certainty': 'Khả năng xảy ra',
  'label.category': 'Loại',
  'label.status': 'Loại bản tin',
  'label.msg_type': 'Kiểu bản tin',
  'label.event': 'Sự kiện',
  'label.headline': 'Tiêu đề',
  'label.description': 'Mô tả',
  'label.instruction': 'Cần làm gì',
  'label.area_desc': 'Khu vực',
  'label.onset': 'Bắt đầu',
  'label.effective': 'Phát đi lúc',
  'label.expires': 'Hiệu lực đến',
  'hot_alert': 'Cảnh báo nóng',
  'whole_city': 'Toàn Thành phố',
  'map.wards_hint': 'Các chấm đỏ là trung tâm các phường, xã được cảnh báo.',
  'map.shape': 'Vùng cảnh báo',
} as const;

export type AlertWordKey = keyof typeof vi;

const en: Record<AlertWordKey, string> = {
  'status.Actual': 'Actual',
  'status.Exercise': 'Exercise',
  'status.Test': 'Technical test',
  'msg_type.Alert': 'New alert',
  'msg_type.Update': 'Update',
  'msg_type.Cancel': 'Cancellation',
  'category.Met': 'Weather (storm, heavy rain, king tide)',
  'category.Geo': 'Geological (landslide, earthquake)',
  'category.Safety': 'General safety',
  'category.Security': 'Security',
  'category.Rescue': 'Rescue',
  'category.Fire': 'Fire, explosion',
  'category.Health': 'Health, epidemic',
  'category.Env': 'Environment, pollution',
  'category.Transport': 'Transport',
  'category.Infra': 'Infrastructure (power, water, telecom)',
  'category.CBRNE': 'Chemical, biological, radiological, nuclear',
  'category.Other': 'Other',
  'urgency.Immediate': 'Immediate: act now',
  'urgency.Expected': 'Expected: act soon (within the hour)',
  'urgency.Future': 'Future: act in the near future',
  'urgency.Past': 'Past: no action needed any more',
  'urgency.Unknown': 'Urgency unknown',
  'severity.Extreme': 'Extreme danger',
  'severity.Severe': 'Severe danger',
  'severity.Moderate': 'Moderate danger',
  'severity.Minor': 'Minor danger',
  'severity.Unknown': 'Danger unknown',
  'certainty.Observed': 'Observed: it is happening',
  'certainty.Likely': 'Likely',
  'certainty.Possible': 'Possible',
  'certainty.Unlikely': 'Unlikely',
  'certainty.Unknown': 'Certainty unknown',
  'label.urgency': 'Urgency',
  'label.severity': 'Severity',
  'label.certainty': 'Certainty',
  'label.category': 'Category',
  'label.status': 'Kind of message',
  'label.msg_type': 'Message type',
  'label.event': 'Event',
  'label.headline': 'Headline',
  'label.description': 'Description',
  'label.instruction': 'What to do',
  'label.area_desc': 'Area',
  'label.onset': 'Starts',
  'label.effective': 'Sent at',
  'label.expires': 'In effect until',
  'hot_alert': 'Hot alert',
  'whole_city': 'The whole city',
  'map.wards_hint': 'The red dots are the centres of the wards and communes under the alert.',
  'map.shape': 'Alert area',
};

// The word for `key` in the interface's language, with {name} placeholders filled from `params`.
export const aw = catalogue(vi, en);

// An alert's texts in the interface's language (both are required, Vietnamese is the fallback).
export function localInfo<T extends { vi: unknown; en?: unknown }>(info: T): T['vi'] {
  return (lang() === 'en' && info.en ? info.en : info.vi) as T['vi'];
}

// The look of a severity: strong red, orange or yellow (the banner's and the page's CSS class).
export function severityTone(severity: string): 'danger' | 'warning' | 'caution' {
  if (severity === 'Extreme' || severity === 'Severe') return 'danger';
  if (severity === 'Moderate') return 'warning';
  return 'caution';
}

// A 5-digit ward code to its name, given the ward list (the code itself when unknown).
export function wardName(code: string, wards: { code: string; name_vi: string; name_en: string }[]): string {
  const ward = wards.find((w) => w.code === code);
  if (!ward) return code;
  return (lang() === 'en' ? ward.name_en : ward.name_vi) || ward.name_vi;
}
