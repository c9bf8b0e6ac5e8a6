// Keyboard shortcuts for the review pages: a/c/r/e choose the decision and move to the reason (c: to the first field
// of the bot's correction form);
// n takes the next item.
// Ignored while typing in a field, or with a modifier key, so they never steal a keystroke.
// In the reason box, Enter submits the decision (Shift+Enter starts a new line).
document.addEventListener('keydown', function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
  var target = event.target;
  if (target && target.id === 'reason' && event.key === 'Enter' && !event.shiftKey) {
    var decision = document.getElementById('decision-form');
    if (decision) { event.preventDefault(); decision.requestSubmit(); }
    return;
  }
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== 'radio')) { return; }
  var kinds = { a: 'approve', c: 'correct', r: 'reject', e: 'escalate' };
  var key = event.key.toLowerCase();
  if (kinds[key]) {
    var radio = document.getElementById('kind-' + kinds[key]);
    if (!radio) { return; }
    radio.checked = true;
    var next = key === 'c' ? document.querySelector('#correction input, #correction select') : document.getElementById('reason');
    if (next) { next.focus(); }
    event.preventDefault();
  } else if (key === 'n') {
    var form = document.getElementById('take-next-form');
    if (form) { event.preventDefault(); form.requestSubmit(); }
  }
});
