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

// Live recalculation, on an item whose bot's form offers it (the evidence carries data-preview): a moment after the
// reviewer stops changing a correction field, the decision form is posted as a draft (its anti-forgery token with it)
// and the evidence tables are replaced by the bot's tables for those figures. Nothing is saved: submitting works the
// figures out again on the server, and that is what counts. Without JavaScript the page recalculates on submit only.
(function () {
  var evidence = document.getElementById('evidence-tables');
  var correction = document.getElementById('correction');
  var form = document.getElementById('decision-form');
  var status = document.getElementById('recalculated');
  if (!evidence || !evidence.dataset.preview || !correction || !form) { return; }
  var timer = null;
  var latest = 0;
  function say(text) { if (status) { status.textContent = text; } }
  function recalculate() {
    var request = ++latest;
    evidence.setAttribute('aria-busy', 'true');
    fetch(evidence.dataset.preview, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.text();
      })
      .then(function (html) {
        // A slower answer to an older draft must not overwrite a newer one.
        if (request !== latest) { return; }
        evidence.innerHTML = html;
        say('Worked out again from the figures as typed; nothing is saved until you submit.');
      })
      .catch(function () {
        if (request === latest) { say('Could not work the figures out just now; they are worked out when you submit.'); }
      })
      .then(function () { if (request === latest) { evidence.removeAttribute('aria-busy'); } });
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(recalculate, 300);
  }
  correction.addEventListener('input', schedule);
  correction.addEventListener('change', schedule);
})();
