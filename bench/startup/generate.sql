-- Synthetic reports for bench/startup/run.sh, written straight into a database that
-- `congdanso migrate` and `congdanso seed` prepared (the real schema and reference data).
-- @REPORTS@ is filled in by the script. Each report gets a description of three sentences
-- (about 300 characters, as citizens write them), its folded search key, an address, and one
-- timeline entry and one event per step it went through (1 to 5 by its state), as the server
-- would have written them. The delivery cursor is moved past the new events: a live server
-- would have delivered them long ago.
PRAGMA synchronous = OFF;  -- loading only; the server reopens the file with its own settings
PRAGMA cache_size = -262144;
PRAGMA journal_mode = OFF;  -- no rollback journal while loading; the server sets WAL again
PRAGMA temp_store = MEMORY;
BEGIN;

CREATE TEMP TABLE sentence (i INTEGER PRIMARY KEY, vi TEXT NOT NULL, folded TEXT NOT NULL);
INSERT INTO sentence VALUES
 (0, 'Đèn chiếu sáng trên đoạn đường trước nhà đã tắt gần một tuần, buổi tối rất tối và nguy hiểm.',
     'den chieu sang tren doan duong truoc nha da tat gan mot tuan, buoi toi rat toi va nguy hiem.'),
 (1, 'Nước ngập sâu sau mỗi cơn mưa lớn, xe máy chết máy giữa đường và nước tràn vào nhà dân.',
     'nuoc ngap sau sau moi con mua lon, xe may chet may giua duong va nuoc tran vao nha dan.'),
 (2, 'Cây xanh bên lề đường bị nghiêng, nhiều cành khô có thể gãy đổ khi có gió mạnh.',
     'cay xanh ben le duong bi nghieng, nhieu canh kho co the gay do khi co gio manh.'),
 (3, 'Rác thải sinh hoạt tập kết trên vỉa hè nhiều ngày chưa được thu gom, bốc mùi hôi.',
     'rac thai sinh hoat tap ket tren via he nhieu ngay chua duoc thu gom, boc mui hoi.'),
 (4, 'Ổ gà lớn giữa làn xe máy, đã có người té ngã vào ban đêm, đề nghị sửa chữa sớm.',
     'o ga lon giua lan xe may, da co nguoi te nga vao ban dem, de nghi sua chua som.'),
 (5, 'Quán ăn lấn chiếm vỉa hè và lòng đường, người đi bộ phải đi xuống lòng đường.',
     'quan an lan chiem via he va long duong, nguoi di bo phai di xuong long duong.'),
 (6, 'Công trình xây dựng gây tiếng ồn lớn sau mười giờ đêm, ảnh hưởng giấc ngủ của cả khu phố.',
     'cong trinh xay dung gay tieng on lon sau muoi gio dem, anh huong giac ngu cua ca khu pho.'),
 (7, 'Nắp cống bị vỡ, miệng cống hở ngay lối vào trường tiểu học, rất nguy hiểm cho các cháu.',
     'nap cong bi vo, mieng cong ho ngay loi vao truong tieu hoc, rat nguy hiem cho cac chau.'),
 (8, 'Dây cáp viễn thông treo thấp và chằng chịt, xe tải đi qua thường xuyên bị vướng.',
     'day cap vien thong treo thap va chang chit, xe tai di qua thuong xuyen bi vuong.'),
 (9, 'Mất nước sinh hoạt từ sáng hôm qua, áp lực nước yếu kéo dài, chưa thấy thông báo.',
     'mat nuoc sinh hoat tu sang hom qua, ap luc nuoc yeu keo dai, chua thay thong bao.'),
 (10, 'Đề nghị cơ quan chức năng kiểm tra và xử lý dứt điểm, người dân đã phản ánh nhiều lần.',
      'de nghi co quan chuc nang kiem tra va xu ly dut diem, nguoi dan da phan anh nhieu lan.'),
 (11, 'Đèn tín hiệu giao thông tại ngã tư hoạt động không ổn định, thường xuyên chớp vàng.',
      'den tin hieu giao thong tai nga tu hoat dong khong on dinh, thuong xuyen chop vang.');

CREATE TEMP TABLE ward AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS i, code, name, centroid_lat AS lat,
         centroid_lon AS lon FROM areas WHERE kind IN ('phuong', 'xa', 'dac_khu');
CREATE TEMP TABLE category AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM categories;
CREATE TEMP TABLE unit AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM units;
CREATE TEMP TABLE state (i INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO state VALUES (0, 'received'), (1, 'assigned'), (2, 'in_progress'), (3, 'resolved'),
                         (4, 'closed');

-- One row per report with its random draws, so that the inserts below read them by join.
CREATE TEMP TABLE draw AS
  WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < @REPORTS@)
  SELECT x,
         abs(random()) % 12 AS s1, abs(random()) % 12 AS s2, abs(random()) % 12 AS s3,
         abs(random()) % (SELECT COUNT(*) FROM ward) AS w,
         abs(random()) % (SELECT COUNT(*) FROM category) AS c,
         abs(random()) % (SELECT COUNT(*) FROM unit) AS u,
         abs(random()) % 5 AS st,
         abs(random()) % 100 AS pct,
         (abs(random()) % 2000 - 1000) / 50000.0 AS dlat,
         (abs(random()) % 2000 - 1000) / 50000.0 AS dlon,
         1767200000000 + abs(random()) % (330 * 86400000) AS at
  FROM n;

INSERT INTO reports (code, kind, category_code, description, lat, lon, address, ward_code,
                     anonymous, public, channel, status, unit_code, created_at, updated_at,
                     due_at, assigned_at, resolved_at, closed_at, search_key)
SELECT printf('PA-GEN-%07d', d.x), 'report', c.code,
       a.vi || ' ' || b.vi || ' ' || e.vi,
       w.lat + d.dlat, w.lon + d.dlon,
       printf('Số %d đường số %d, %s', d.x % 300 + 1, d.x % 40 + 1, w.name), w.code,
       d.pct < 10, d.pct < 95, CASE WHEN d.pct % 3 = 0 THEN 'web' ELSE 'app' END, s.name,
       CASE WHEN d.st > 0 THEN u.code END, d.at, d.at + d.st * 86400000, d.at + 7 * 86400000,
       CASE WHEN d.st >= 1 THEN d.at + 3600000 END, CASE WHEN d.st >= 3 THEN d.at + 3 * 86400000 END,
       CASE WHEN d.st = 4 THEN d.at + 4 * 86400000 END,
       lower(printf('pa-gen-%07d', d.x)) || ' ' || a.folded || ' ' || b.folded || ' ' || e.folded
FROM draw d
JOIN sentence a ON a.i = d.s1 JOIN sentence b ON b.i = d.s2 JOIN sentence e ON e.i = d.s3
JOIN ward w ON w.i = d.w JOIN category c ON c.i = d.c JOIN unit u ON u.i = d.u
JOIN state s ON s.i = d.st
ORDER BY d.x;

-- The steps each report went through: submitted, then assigned, accepted, resolved, closed.
CREATE TEMP TABLE step (i INTEGER PRIMARY KEY, action TEXT, from_status TEXT, to_status TEXT,
                        actor_role TEXT, body TEXT, event TEXT);
INSERT INTO step VALUES
 (0, 'submitted', NULL, 'received', 'citizen', '', 'report.submitted'),
 (1, 'assigned', 'received', 'assigned', 'operator',
  'Chuyển đơn vị phụ trách xử lý theo quy định.', 'report.assigned'),
 (2, 'accepted', 'assigned', 'in_progress', 'unit_staff',
  'Đơn vị đã tiếp nhận, cử cán bộ kiểm tra hiện trường trong ngày.', 'report.accepted'),
 (3, 'resolved', 'in_progress', 'resolved', 'unit_staff',
  'Đã kiểm tra và khắc phục xong tại hiện trường. Đơn vị sẽ tiếp tục theo dõi, đề nghị người dân phản ánh lại nếu tình trạng tái diễn.',
  'report.resolved'),
 (4, 'closed', 'resolved', 'closed', 'system', '', 'report.closed');

INSERT INTO report_timeline (report_id, at, action, from_status, to_status, actor_role,
                             unit_code, public, body)
SELECT r.id, r.created_at + p.i * 86400000, p.action, p.from_status, p.to_status, p.actor_role,
       CASE WHEN p.i > 0 THEN r.unit_code END, 1, p.body
FROM reports r JOIN state s ON s.name = r.status JOIN step p ON p.i <= s.i
WHERE r.code LIKE 'PA-GEN-%'
ORDER BY r.id, p.i;

INSERT INTO events (at, type, report_id, public, payload, unit_code)
SELECT r.created_at + p.i * 86400000, p.event, r.id, r.public,
       json_object('report_id', r.id, 'code', r.code, 'status', p.to_status,
                   'category', r.category_code, 'ward', r.ward_code, 'unit', r.unit_code),
       r.unit_code
FROM reports r JOIN state s ON s.name = r.status JOIN step p ON p.i <= s.i
WHERE r.code LIKE 'PA-GEN-%'
ORDER BY r.id, p.i;

UPDATE delivery_cursors SET position = (SELECT COALESCE(MAX(id), 0) FROM events);
COMMIT;
