# paygen container image: one static binary on distroless (docs/operations.md).
#   make docker   # docker build --build-arg VERSION=<paygen version> -t paygen:<version> .
#   docker run --rm paygen:0.1.0 generate --rows 1M --date 2025-05-29 --to s3://BUCKET/payments --validate

FROM golang:1.26 AS build
WORKDIR /src
# Modules first: this layer stays cached while only the sources change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same command as `make build` (tests/deploy_test.go compares them): no cgo,
# so the binary needs no libc; -trimpath and -s -w for a small, reproducible file.
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/paygen ./cmd/paygen

# static-debian12 has CA certificates (for HTTPS to S3), tzdata, /tmp and a
# nonroot user (65532), and nothing else: no shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=dev
LABEL org.opencontainers.image.title="paygen" \
      org.opencontainers.image.description="Synthetic card-payment data into Parquet: generate, validate, profile, upload to S3" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/paygen /usr/local/bin/paygen
ENV PATH=/usr/local/bin:/usr/bin:/bin
USER nonroot:nonroot
WORKDIR /home/nonroot
ENTRYPOINT ["paygen"]
CMD ["help"]
