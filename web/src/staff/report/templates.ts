// Canned replies the 1022 centre and the units insert into a public message or a reason, in
// Vietnamese and English. Client-side constants for now; an admin screen may later keep them on
// the server (they would then come from an endpoint such as GET /api/v1/staff/templates).
import type { StaffAction } from '../../shared/api/staff';

export interface Template {
  id: string;
  for: StaffAction[];
  title: { vi: string; en: string };
  text: { vi: string; en: string };
}

export const templates: Template[] = [
  {
    id: 'assign-routed',
    for: ['assign'],
    title: { vi: 'Đã chuyển đơn vị xử lý', en: 'Sent to the responsible unit' },
    text: {
      vi: 'Trung tâm 1022 đã chuyển phản ánh của bạn đến đơn vị có thẩm quyền để xem xét, xử lý.',
      en: 'The 1022 Centre has sent your report to the responsible unit for handling.',
    },
  },
  {
    id: 'reject-spam',
    for: ['reject'],
    title: { vi: 'Nội dung không phải phản ánh', en: 'Not a report' },
    text: {
      vi: 'Nội dung gửi đến không phải là phản ánh, kiến nghị nên Trung tâm 1022 không tiếp nhận.',
      en: 'What was sent is not a report or a request, so the 1022 Centre cannot take it in.',
    },
  },
  {
    id: 'reject-scope',
    for: ['reject'],
    title: { vi: 'Ngoài phạm vi tiếp nhận', en: 'Outside the 1022 system' },
    text: {
      vi: 'Nội dung không thuộc phạm vi tiếp nhận của hệ thống 1022. Đề nghị bạn liên hệ cơ quan có thẩm quyền.',
      en: 'This is outside what the 1022 system handles. Please contact the competent authority.',
    },
  },
  {
    id: 'reject-unclear',
    for: ['reject', 'hand-back'],
    title: { vi: 'Thiếu thông tin', en: 'Not enough information' },
    text: {
      vi: 'Phản ánh chưa đủ thông tin (địa điểm, thời gian, mô tả cụ thể) để xác minh. Đề nghị bạn gửi lại với thông tin đầy đủ hơn.',
      en: 'The report lacks the details (place, time, a clear description) needed to check it. Please send it again with more detail.',
    },
  },
  {
    id: 'accept-team',
    for: ['accept'],
    title: { vi: 'Đã tiếp nhận, cử người kiểm tra', en: 'Taken on, sending a team' },
    text: {
      vi: 'Đơn vị đã tiếp nhận phản ánh và sẽ cử cán bộ kiểm tra hiện trường.',
      en: 'The unit has taken on the report and will send staff to check on site.',
    },
  },
  {
    id: 'progress-checked',
    for: ['progress'],
    title: { vi: 'Đã kiểm tra hiện trường', en: 'Checked on site' },
    text: {
      vi: 'Đơn vị đã kiểm tra hiện trường và đang bố trí nhân lực, vật tư để khắc phục.',
      en: 'The unit has checked the site and is arranging people and materials for the fix.',
    },
  },
  {
    id: 'resolve-fixed',
    for: ['resolve'],
    title: { vi: 'Đã khắc phục xong', en: 'Fixed' },
    text: {
      vi: 'Đơn vị đã khắc phục xong sự việc. Cảm ơn bạn đã phản ánh.',
      en: 'The unit has fixed the problem. Thank you for reporting it.',
    },
  },
  {
    id: 'hand-back-not-ours',
    for: ['hand-back'],
    title: { vi: 'Không thuộc thẩm quyền đơn vị', en: "Not this unit's remit" },
    text: {
      vi: 'Nội dung phản ánh không thuộc thẩm quyền của đơn vị. Đề nghị Trung tâm 1022 chuyển đơn vị phù hợp.',
      en: "This report is not this unit's remit. The 1022 Centre is asked to route it to the right unit.",
    },
  },
];

export const templatesFor = (action: StaffAction) => templates.filter((tpl) => tpl.for.includes(action));
