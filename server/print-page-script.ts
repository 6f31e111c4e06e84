/**
 * The print page's own script (CSP allows only scripts of our origin): its 打印 button records the
 * print by POST, then opens the page of that print, which prints itself. Opening the page records nothing.
 */
export const PRINT_PAGE_SCRIPT = `document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-print]');
  if (!button) return;
  button.disabled = true;
  var url = new URL(location.href), q = url.searchParams, body = {}, method;
  if (q.get('paper')) body.paper = q.get('paper');
  if (q.get('copies')) body.copies = Number(q.get('copies'));
  if (button.getAttribute('data-print') === 'slip') {
    method = 'print.slip';
    var key = decodeURIComponent(url.pathname.split('/').pop());
    if (/^\\d+$/.test(key)) body.documentId = Number(key); else body.number = key;
  } else {
    method = 'print.slips';
    body.date = q.get('date');
    if (q.get('checkpointId')) body.checkpointId = Number(q.get('checkpointId'));
  }
  fetch(new URL('/api/' + method, location.origin), { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) { return r.json(); })
    .then(function (answer) {
      if (!answer.ok) throw new Error(answer.error.message);
      if (method === 'print.slip') q.set('printNo', String(answer.data.printNo)); else q.set('printed', '1');
      location.replace(url.pathname + '?' + q.toString());
    })
    .catch(function (err) { button.disabled = false; alert('无法打印:' + err.message); });
});
`;
