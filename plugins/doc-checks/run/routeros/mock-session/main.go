// Command mock-session answers RouterOS commands with the driver's own mock
// RouterOS (test/mock). `docs-check run --routeros-mock` builds it inside a
// scratch copy of the driver source and writes one JSON request to its
// standard input: a list of cases, each a list of commands. For every case
// it starts a fresh mock on a free loopback port, sends the commands one
// SSH session each, as an operator's `ssh admin@rds '<command>'` would, and
// stops the mock again, so no case sees the state another one left.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/crypto/ssh"

	"git.srvlab.io/whiskey/rds-csi-driver/test/mock"
)

type request struct {
	Cases [][]string `json:"cases"`
}

type reply struct {
	Command string `json:"command"`
	Output  string `json:"output"`
	// ExitStatus is -1 when the session ended without one.
	ExitStatus int `json:"exitStatus"`
	// Error is set when the command could not be sent at all.
	Error string `json:"error,omitempty"`
}

type result struct {
	// Address is where the case's mock listened, host:port.
	Address string  `json:"address"`
	Replies []reply `json:"replies"`
	// Error is set when the mock could not start or be reached.
	Error string `json:"error,omitempty"`
}

// The mock reads its behaviour from the environment; a case must never
// inherit injected errors or simulated latency from the caller's shell.
var quietMock = map[string]string{
	"MOCK_RDS_REALISTIC_TIMING": "false",
	"MOCK_RDS_ERROR_MODE":       "none",
	"MOCK_RDS_ENABLE_HISTORY":   "false",
}

func main() {
	for name, value := range quietMock {
		_ = os.Setenv(name, value)
	}
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintf(os.Stderr, "mock-session: cannot read the request: %v\n", err)
		os.Exit(2)
	}
	results := make([]result, 0, len(req.Cases))
	for _, commands := range req.Cases {
		results = append(results, runCase(commands))
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintf(os.Stderr, "mock-session: cannot write the results: %v\n", err)
		os.Exit(2)
	}
}

func runCase(commands []string) result {
	// Port 0: the kernel picks a free loopback port; the mock reports it.
	server, err := mock.NewMockRDSServer(0)
	if err != nil {
		return result{Error: fmt.Sprintf("the mock did not start: %v", err)}
	}
	if err := server.Start(); err != nil {
		return result{Error: fmt.Sprintf("the mock did not start: %v", err)}
	}
	defer func() { _ = server.Stop() }()
	address := fmt.Sprintf("%s:%d", server.Address(), server.Port())

	// The mock accepts any client without authentication and makes a new
	// host key on every start, so there is nothing to verify it against.
	client, err := ssh.Dial("tcp", address, &ssh.ClientConfig{
		User:            "admin",
		HostKeyCallback: ssh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
	if err != nil {
		return result{Address: address, Error: fmt.Sprintf("cannot reach the mock over SSH: %v", err)}
	}
	defer func() { _ = client.Close() }()

	replies := make([]reply, 0, len(commands))
	for _, command := range commands {
		replies = append(replies, send(client, command))
	}
	return result{Address: address, Replies: replies}
}

// send runs one command in its own session, as the driver and ssh(1) do.
func send(client *ssh.Client, command string) reply {
	session, err := client.NewSession()
	if err != nil {
		return reply{Command: command, ExitStatus: -1, Error: fmt.Sprintf("cannot open a session: %v", err)}
	}
	defer func() { _ = session.Close() }()
	// Two buffers, as the driver reads them: one buffer for both streams
	// would be filled from two goroutines at once.
	var stdout, stderr bytes.Buffer
	session.Stdout = &stdout
	session.Stderr = &stderr
	status := 0
	if err := session.Run(command); err != nil {
		var exit *ssh.ExitError
		var missing *ssh.ExitMissingError
		switch {
		case errors.As(err, &exit):
			status = exit.ExitStatus()
		case errors.As(err, &missing):
			status = -1
		default:
			return reply{Command: command, Output: stdout.String() + stderr.String(), ExitStatus: -1, Error: err.Error()}
		}
	}
	return reply{Command: command, Output: stdout.String() + stderr.String(), ExitStatus: status}
}
