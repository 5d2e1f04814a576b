/** Hostile and odd text for names and labels (issue 7): control characters, broken Unicode, markup, injections. */
export const HOSTILE_TEXT: string[] = [
  'Hội\u0000Nông dân', 'Đoàn\u0001\u0002\u0003', 'Tab\there', 'Dòng\nmới', 'CR\rLF\r\n', 'Chuông\u0007', 'Thoát\u001b[31mđỏ\u001b[0m',
  'Xoá\u007f', 'Khác\u000b\u000c', '\ufffe\uffff', 'Nửa\ud800cặp', 'Cặp lẻ\udc00', 'Cặp đúng 😀', 'RTL \u202eabc\u202c', 'Zero\u200bwidth',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "O'Brien & \"Co\"", '&amp;&lt;&#0;&#x1;', ']]><![CDATA[x', '<!-- a -->',
  '<?xml version="1.0"?>', '_x0000_', '_x005F_x0041_', '=cmd|\' /C calc\'!A0', '+SUM(A1)', '-2+3', '@Hội', '{{name}}', '{{{html}}}',
  '${process.env.HOME}', '%s%s%n', '\\\\server\\share', '../../etc/passwd', 'C:\\Windows', '   ', ' leading and trailing ', '—', '-',
  'Hội Nông dân tỉnh'.normalize('NFD'), 'ＦＵＬＬＷＩＤＴＨ', 'Ελληνικά Русский 中文 العربية עברית', 'ﷺ', 'a\u0301\u0301\u0301\u0301', 'Ж'.repeat(300),
  'dài '.repeat(2000), 'x'.repeat(32_767), '\u00a0\u202f\u2009', 'null', 'undefined', 'NaN', 'true', '0', '1e400', 'toString', '__proto__',
  'constructor', 'Subject: injected\r\nBcc: attacker@example.com', 'a\u2028b\u2029c', '\u0085NEL', '\ud83d', 'Tên\u0000'.repeat(50),
];
