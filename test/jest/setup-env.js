// Every test runs in UTC so that Europe/London behaviour is computed, never inherited.
process.env.TZ = 'UTC';
