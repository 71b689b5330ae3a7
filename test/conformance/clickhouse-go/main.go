// Command conformance exercises the official ClickHouse Go driver (clickhouse-go v2, HTTP protocol: the
// driver under Grafana's ClickHouse plugin) against a ClickHouse HTTP endpoint and prints what it saw as
// one JSON object, check name → outcome. It asserts nothing itself: the Vitest suite that builds and runs
// it (test/integration/clickhouse-http-conformance.test.ts) does.
//
// Environment: CH_ADDR (host:port), CH_DATABASE, CH_USER / CH_PASSWORD (the user under test), and for the
// "suite" mode CH_GRAFANA_PASSWORD and CH_WRITER_PASSWORD. Argument: "suite" (everything) or "mentions"
// (parameterized reads on mentions plus refused writes, for whatever user CH_USER is).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

type outcome struct {
	OK      bool   `json:"ok"`
	Value   any    `json:"value,omitempty"`
	Err     string `json:"err,omitempty"`
	Code    int32  `json:"code,omitempty"`
	ErrType string `json:"errType,omitempty"`
}

var results = map[string]outcome{}

func record(name string, value any, err error) {
	if err == nil {
		results[name] = outcome{OK: true, Value: value}
		return
	}
	o := outcome{Err: err.Error(), ErrType: fmt.Sprintf("%T", err)}
	var ex *clickhouse.Exception
	if errors.As(err, &ex) {
		o.Code = ex.Code
		o.ErrType = "*clickhouse.Exception"
	}
	results[name] = o
}

func open(user, password string, compression *clickhouse.Compression) (driver.Conn, error) {
	return clickhouse.Open(&clickhouse.Options{
		Addr:        []string{os.Getenv("CH_ADDR")},
		Protocol:    clickhouse.HTTP,
		Auth:        clickhouse.Auth{Database: os.Getenv("CH_DATABASE"), Username: user, Password: password},
		Compression: compression,
		DialTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second,
	})
}

func withParams(ctx context.Context, params map[string]string) context.Context {
	return clickhouse.Context(ctx, clickhouse.WithParameters(clickhouse.Parameters(params)))
}

// scanAll reads every row generically, each column into a value of the driver's scan type.
func scanAll(rows driver.Rows) ([][]any, error) {
	defer rows.Close()
	types := rows.ColumnTypes()
	var out [][]any
	for rows.Next() {
		ptrs := make([]any, len(types))
		for i, t := range types {
			ptrs[i] = reflect.New(t.ScanType()).Interface()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(ptrs))
		for i, p := range ptrs {
			row[i] = reflect.ValueOf(p).Elem().Interface()
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

func refusedWrites(ctx context.Context, conn driver.Conn, prefix string) {
	record(prefix+".insert", nil, conn.Exec(ctx, "INSERT INTO mentions (native_id) VALUES ('conformance')"))
	record(prefix+".drop", nil, conn.Exec(ctx, "DROP TABLE mentions"))
	record(prefix+".create", nil, conn.Exec(ctx, "CREATE TABLE conformance_forbidden (a UInt8) ENGINE = Memory"))
}

func mentions(ctx context.Context, conn driver.Conn) {
	var n uint64
	err := conn.QueryRow(withParams(ctx, map[string]string{"brand": "acme"}),
		"SELECT count() FROM mentions WHERE brand != {brand:String}").Scan(&n)
	record("mentions.count", n, err)
	rows, err := conn.Query(withParams(ctx, map[string]string{"limit": "5", "since": "2000-01-01 00:00:00.000"}),
		"SELECT * FROM mentions WHERE published_at >= {since:DateTime64(3)} ORDER BY published_at DESC LIMIT {limit:UInt32}")
	if err != nil {
		record("mentions.rows", nil, err)
	} else {
		all, err := scanAll(rows)
		record("mentions.rows", len(all), err)
	}
	refusedWrites(ctx, conn, os.Getenv("CH_USER"))
}

func suite(ctx context.Context) {
	analyst, err := open("analyst", os.Getenv("CH_PASSWORD"), nil)
	if err != nil {
		record("open", nil, err)
		return
	}
	defer analyst.Close()
	record("ping", nil, analyst.Ping(ctx))

	var s, d string
	var a []string
	err = analyst.QueryRow(withParams(ctx, map[string]string{
		"s": `it\'s "quoted" \\ 😀`,
		"d": "2024-02-29 23:59:58.123",
		"a": `['x','y\'z','😀']`,
	}), "SELECT {s:String}, toString({d:DateTime64(3)}), {a:Array(String)}").Scan(&s, &d, &a)
	record("params", map[string]any{"s": s, "d": d, "a": a}, err)

	var when time.Time
	err = analyst.QueryRow(withParams(ctx, map[string]string{"d": "2024-02-29 23:59:58.123"}),
		"SELECT {d:DateTime64(3, 'UTC')}").Scan(&when)
	record("datetime64", when.UTC().Format(time.RFC3339Nano), err)

	rows, err := analyst.Query(ctx,
		"SELECT number, toString(number) AS s, [number, number + 1] AS arr, toNullable(number) AS maybe, "+
			"toLowCardinality(toString(number % 7)) AS lc, (number, 'x') AS tup, map('k', number) AS m "+
			"FROM numbers(1000000)")
	if err != nil {
		record("stream", nil, err)
	} else {
		var count, sum uint64
		for rows.Next() {
			var number uint64
			var str, lc string
			var arr []uint64
			var maybe *uint64
			var tup []any
			var m map[string]uint64
			if err = rows.Scan(&number, &str, &arr, &maybe, &lc, &tup, &m); err != nil {
				break
			}
			count++
			sum += number
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		record("stream", map[string]uint64{"count": count, "sum": sum}, err)
	}

	var fail uint8
	record("exception", nil, analyst.QueryRow(ctx, "SELECT throwIf(1, 'conformance boom')").Scan(&fail))
	record("unknownTable", nil, analyst.QueryRow(ctx, "SELECT 1 FROM no_such_table").Scan(&fail))
	refusedWrites(ctx, analyst, "analyst")

	grafana, err := open("grafana", os.Getenv("CH_GRAFANA_PASSWORD"), nil)
	if err == nil {
		var limit float64
		err = grafana.QueryRow(clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"max_execution_time": 7})),
			"SELECT getSetting('max_execution_time')").Scan(&limit)
		record("grafana.setting", limit, err)
		refusedWrites(ctx, grafana, "grafana")
		grafana.Close()
	} else {
		record("grafana.setting", nil, err)
	}

	bad, err := open("analyst", "wrong-password", nil)
	if err == nil {
		err = bad.Ping(ctx)
		bad.Close()
	}
	record("badPassword", nil, err)

	gz, err := open("analyst", os.Getenv("CH_PASSWORD"), &clickhouse.Compression{Method: clickhouse.CompressionGZIP})
	if err == nil {
		var n uint64
		err = gz.QueryRow(ctx, "SELECT sum(number) FROM (SELECT number FROM numbers(100000))").Scan(&n)
		record("gzip", n, err)
		gz.Close()
	} else {
		record("gzip", nil, err)
	}
	lz4, err := open("analyst", os.Getenv("CH_PASSWORD"), &clickhouse.Compression{Method: clickhouse.CompressionLZ4})
	if err == nil {
		err = lz4.Ping(ctx)
		if err == nil {
			var n uint8
			err = lz4.QueryRow(ctx, "SELECT 1").Scan(&n)
		}
		lz4.Close()
	}
	record("lz4", nil, err)

	writer, err := open("writer", os.Getenv("CH_WRITER_PASSWORD"), &clickhouse.Compression{Method: clickhouse.CompressionGZIP})
	if err != nil {
		record("writer.insert", nil, err)
		return
	}
	defer writer.Close()
	batch, err := writer.PrepareBatch(ctx, "INSERT INTO conformance_go")
	if err == nil {
		for i := 0; i < 1000; i++ {
			if err = batch.Append(uint64(i), fmt.Sprintf("row %d — ünïcode 😀", i), time.UnixMilli(1709251198123).UTC(), []string{"a", "b'c"}); err != nil {
				break
			}
		}
		if err == nil {
			err = batch.Send()
		}
	}
	record("writer.insert", nil, err)
	record("writer.ddl", nil, writer.Exec(ctx, "CREATE TABLE conformance_forbidden (a UInt8) ENGINE = Memory"))
	record("writer.drop", nil, writer.Exec(ctx, "DROP TABLE conformance_go"))
}

func main() {
	ctx := context.Background()
	mode := "suite"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	if mode == "mentions" {
		conn, err := open(os.Getenv("CH_USER"), os.Getenv("CH_PASSWORD"), &clickhouse.Compression{Method: clickhouse.CompressionGZIP})
		if err != nil {
			record("open", nil, err)
		} else {
			record("ping", nil, conn.Ping(ctx))
			mentions(ctx, conn)
			conn.Close()
		}
	} else {
		suite(ctx)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		os.Exit(1)
	}
}
