// Progressive enhancement only: every page works without this.
import { initAll as initGovuk } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';
import { initTimeoutWarning } from '/assets/js/timeout-warning.mjs';
import { initHoldScope } from '/assets/js/hold-scope.mjs';

initGovuk();
initMoj();
initTimeoutWarning();
initHoldScope();
