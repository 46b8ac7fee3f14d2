"""Commands: what an editor runs (`make build`, `serve`, `report`, `register`, `release`, `new-edition`,
`schemas`), each a thin `main()` over build.py and the stages."""
