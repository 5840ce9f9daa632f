package pgio

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
)

// IsDSN reports whether loc names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a file.
func IsDSN(loc string) bool {
	return strings.HasPrefix(loc, "postgres://") || strings.HasPrefix(loc, "postgresql://")
}

// Redact returns dsn with its password replaced by "***", for messages
// and logs; a DSN that does not parse as a URL is replaced whole.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable DSN)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "***")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// connect opens one connection with the session settings every COPY here
// relies on: shortest exact float text (extra_float_digits 1, so a float8
// reads back to the same float64), ISO dates and UTC.
func connect(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgx's parse errors may quote the DSN, password included.
		return nil, fmt.Errorf("pgio: %s: invalid connection string", Redact(dsn))
	}
	cfg.RuntimeParams["extra_float_digits"] = "1"
	cfg.RuntimeParams["DateStyle"] = "ISO, YMD"
	cfg.RuntimeParams["TimeZone"] = "UTC"
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "segmenta"
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgio: connect to %s: %w", Redact(dsn), err)
	}
	return conn, nil
}

// tableIdent quotes a table name, schema-qualified or not ("public.scores").
func tableIdent(name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("pgio: empty table name")
	}
	parts := strings.Split(name, ".")
	if len(parts) > 2 {
		return "", fmt.Errorf("pgio: table %q: want NAME or SCHEMA.NAME", name)
	}
	for _, p := range parts {
		if p == "" {
			return "", fmt.Errorf("pgio: table %q: empty part", name)
		}
	}
	return pgx.Identifier(parts).Sanitize(), nil
}
