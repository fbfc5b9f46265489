module github.com/gohexo/hexo

go 1.26.0

require (
	github.com/rivo/uniseg v0.4.7
	github.com/stretchr/testify v1.12.1
	github.com/yuin/goldmark v1.8.7
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/net v0.62.0
	golang.org/x/text v0.44.0
)

require github.com/aymanbagabas/go-udiff v0.4.2

require golang.org/x/sys v0.50.0
