#!/usr/bin/env bash
# Writes the registers of admissions used by the tests as real office
# software writes them: LibreOffice (headless) and Gnumeric's ssconvert
# turn the CSV texts below into workbooks with date cells, and LibreOffice
# writes a workbook back out as the semicolon CSV of a Vietnamese locale.
# Run it from anywhere; it rewrites the files beside it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile="-env:UserInstallation=file://$work/profile"
# A Vietnamese office: dates are shown, and written to CSV, day first.
mkdir -p "$work/profile/user"
cat > "$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
XCU

# A register as the Organization Board keeps it: a title block, Vietnamese
# headers, the organization by code or only by name, the birth date.
cat > "$work/register.csv" <<'CSV'
ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH;;;;;;
DANH SÁCH ĐẢNG VIÊN ĐƯỢC KẾT NẠP NĂM 2026;;;;;;
STT;Mã tổ chức;Tên tổ chức;Họ và tên;Ngày sinh;Ngày kết nạp;Số quyết định
1;CB01;Chi bộ Phân xưởng Cơ khí;Lê Văn Hùng;12/05/1990;15/03/2026;101-QĐ/ĐU
2;CB01;Chi bộ Phân xưởng Cơ khí;Lê Văn Hưng;03/07/1992;15/03/2026;102-QĐ/ĐU
3;;Chi bộ Kho vận;Trần Thị Mai;;02/04/2026;103-QĐ/ĐU
4;CB03;Chi bộ Văn phòng;Nguyễn Ngọc Ánh;20/11/1998;10/06/2025;57-QĐ/ĐU
5;CB03;Chi bộ Văn phòng;Phạm Đức Thắng;;01/09/2026;
CSV

# A register with a mistake on every line but the first.
cat > "$work/register-bad.csv" <<'CSV'
No.;org;full name;admission date;decision;birth date
1;CB01;Lê Văn Hùng;15/03/2026;101-QĐ/ĐU;12/05/1990
2;CB99;Trần Văn An;15/03/2026;;
3;CB01;Trần Văn Bình;15/03/2027;;
4;CB01;lê văn  hùng;15/03/2026;;
5;CB01;Trần Văn Cường;01/03/2026;;01/06/2010
6;Chi bộ Không Có;Trần Văn Dũng;01/03/2026;;
7;CB01;Trần Văn Em;31/02/2026;;
CSV

# Columns 5 to 7 of the first and 4 and 6 of the second are dates,
# day first, as typed in a Vietnamese office (filter token 5: column/format,
# 4 = DD/MM/YY; token 6: Vietnamese).
soffice "$profile" --headless --infilter="CSV:59,34,76,1,1/1/2/2/3/2/4/2/5/4/6/4/7/2,1066" \
  --convert-to xlsx --outdir "$work" "$work/register.csv" >/dev/null
soffice "$profile" --headless --infilter="CSV:59,34,76,1,1/1/2/2/3/2/4/4/5/2/6/4,1066" \
  --convert-to xlsx --outdir "$work" "$work/register-bad.csv" >/dev/null
# The same register as LibreOffice's own format, whose date cells hold ISO dates.
soffice "$profile" --headless --convert-to ods --outdir "$work" "$work/register.xlsx" >/dev/null
# The same register saved back as CSV with semicolons, as Excel and
# LibreOffice write it in a Vietnamese locale: dates dd/mm/yy.
soffice "$profile" --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' \
  --outdir "$work/csv" "$work/register.xlsx" >/dev/null

# The Party member database's export, in English, dates written the ISO
# way, which Gnumeric reads as dates.
cat > "$work/export.csv" <<'CSV'
org,full name,admission date,decision
CB02,Đỗ Thị Hạnh,2026-05-20,110-QĐ/ĐU
CB02,Hoàng Minh Quân,2026-05-21,111-QĐ/ĐU
CSV
ssconvert "$work/export.csv" "$work/export.xlsx" 2>/dev/null

cp "$work/register.xlsx" "$work/register.ods" "$work/register-bad.xlsx" "$work/export.xlsx" "$here/"
cp "$work/csv/register.csv" "$here/register.csv"
ls -l "$here"
