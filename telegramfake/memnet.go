package telegramfake

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
)

// WithMemoryNetwork serves the Bot API over in-memory connections instead
// of a TCP port: the same HTTP on the wire, but nothing leaves the
// process, so a test can run inside testing/synctest, whose clock moves
// only while every goroutine waits. Client is then the only way in.
func WithMemoryNetwork() Option {
	return func(s *Server) { s.memory = true }
}

// Client is an HTTP client that reaches the server; with
// WithMemoryNetwork, the only one that does.
func (s *Server) Client() *http.Client {
	if s.mem == nil {
		return &http.Client{}
	}
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return s.mem.dial(ctx) },
	}}
}

// memListener hands out one end of a net.Pipe per dial.
type memListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newMemListener() *memListener {
	return &memListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *memListener) dial(ctx context.Context) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, errors.New("telegramfake: server closed")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *memListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *memListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *memListener) Addr() net.Addr { return memAddr{} }

type memAddr struct{}

func (memAddr) Network() string { return "memory" }
func (memAddr) String() string  { return "telegram.fake:80" }
