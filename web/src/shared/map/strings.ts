// The map screens' words (the citizen map and the staff console's map of reports). Vietnamese is
// the reference; English has the same keys (the type checker enforces it).
import { lang } from '../i18n';

const vi = {
  'title': 'Bản đồ',
  'lead': 'Phản ánh công khai, phường xã và các địa điểm công cộng trên bản đồ thành phố.',
  'map_label': 'Bản đồ thành phố',
  'layers': 'Lớp hiển thị',
  'layer.reports': 'Phản ánh công khai',
  'layer.wards': 'Phường, xã',
  'layer.count': '{name} ({n})',
  'filters': 'Lọc phản ánh',
  'filter.category': 'Lĩnh vực',
  'filter.status': 'Trạng thái',
  'filter.any': 'Tất cả',
  'filter.since': 'Từ ngày',
  'filter.until': 'Đến ngày',
  'status.received': 'Đã tiếp nhận',
  'status.assigned': 'Đã chuyển xử lý',
  'status.in_progress': 'Đang xử lý',
  'status.resolved': 'Đã có kết quả',
  'status.closed': 'Đã đóng',
  'cluster': '{n} phản ánh ở khu vực này, chọn để phóng to',
  'point': '{code}: {category}, {status}',
  'approximate': 'Vị trí gần đúng: chỉ hiển thị phường, xã (phản ánh giấu tên hoặc lĩnh vực nhạy cảm).',
  'open': 'Xem phản ánh',
  'summary_clusters': '{total} phản ánh trong vùng đang xem, gom thành {n} cụm. Phóng to để xem từng phản ánh.',
  'summary_points': '{total} phản ánh trong vùng đang xem.',
  'summary_truncated': 'Chỉ hiện 1.000 phản ánh đầu tiên; phóng to để xem hết.',
  'summary_off': 'Lớp phản ánh đang tắt.',
  'pois_found': '{n} địa điểm trong vùng đang xem.',
  'pois_list': 'Địa điểm trong vùng đang xem',
  'error': 'Chưa tải được phản ánh cho vùng này. Di chuyển bản đồ để thử lại.',
  'privacy': 'Phản ánh giấu tên và phản ánh thuộc lĩnh vực nhạy cảm (an ninh trật tự, y tế) không bao giờ hiện đúng vị trí: chúng được đếm ở trung tâm phường, xã.',
  'staff_title': 'Bản đồ phản ánh',
  'staff_lead': 'Các phản ánh công khai theo vị trí, cùng dữ liệu với bản đồ của người dân; chọn một phản ánh để mở.',
};

const en: Record<keyof typeof vi, string> = {
  'title': 'Map',
  'lead': 'Public reports, wards and communes, and public places on the city map.',
  'map_label': 'City map',
  'layers': 'Layers',
  'layer.reports': 'Public reports',
  'layer.wards': 'Wards and communes',
  'layer.count': '{name} ({n})',
  'filters': 'Filter reports',
  'filter.category': 'Category',
  'filter.status': 'Status',
  'filter.any': 'All',
  'filter.since': 'From',
  'filter.until': 'To',
  'status.received': 'Received',
  'status.assigned': 'Assigned',
  'status.in_progress': 'In progress',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',
  'cluster': '{n} reports in this area, select to zoom in',
  'point': '{code}: {category}, {status}',
  'approximate': 'Approximate place: only the ward or commune is shown (an anonymous report or a sensitive category).',
  'open': 'Open the report',
  'summary_clusters': '{total} reports in this view, in {n} clusters. Zoom in to see each report.',
  'summary_points': '{total} reports in this view.',
  'summary_truncated': 'Only the first 1,000 reports are shown; zoom in to see them all.',
  'summary_off': 'The reports layer is off.',
  'pois_found': '{n} places in this view.',
  'pois_list': 'Places in this view',
  'error': 'The reports for this area could not be loaded. Move the map to try again.',
  'privacy': 'Anonymous reports and reports in sensitive categories (public security, health) are never shown at their place: they are counted at the centre of their ward or commune.',
  'staff_title': 'Map of reports',
  'staff_lead': 'Public reports by place, the same data as the citizens’ map; select a report to open it.',
};

export type MapTextKey = keyof typeof vi;

export function mt(key: MapTextKey, params?: Record<string, string | number>): string {
  const text = lang() === 'en' ? en[key] : vi[key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}
