/* global document */
// "Put the review on hold": choosing what holds the review chooses the rulebook's usual answer
// to "What does the hold stop?", until the person picks an answer there themselves. Without
// JavaScript the question is simply required (and shown again with the usual answer chosen).

export function initHoldScope(root = document) {
  const scopes = root.querySelector('[data-usual-scopes]');
  if (!scopes) return;
  let usual = {};
  try {
    usual = JSON.parse(scopes.getAttribute('data-usual-scopes') || '{}');
  } catch {
    return;
  }
  const checkedKind = () => root.querySelector('input[name="kind"]:checked');
  const checkedScope = () => scopes.querySelector('input[name="scope"]:checked');
  // An answer already there that is not the usual one for the kind chosen was the person's own.
  let chosenByHand = Boolean(checkedScope() && (!checkedKind() || checkedScope().value !== usual[checkedKind().value]));
  scopes.addEventListener('change', () => {
    chosenByHand = true;
  });
  for (const kind of root.querySelectorAll('input[name="kind"]')) {
    kind.addEventListener('change', () => {
      if (chosenByHand || !kind.checked) return;
      const scope = scopes.querySelector(`input[name="scope"][value="${usual[kind.value]}"]`);
      if (scope) scope.checked = true;
    });
  }
}
