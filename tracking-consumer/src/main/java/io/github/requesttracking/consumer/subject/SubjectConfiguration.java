package io.github.requesttracking.consumer.subject;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Beans of the data subject endpoints.
 */
@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

	@Bean
	SubjectRepository subjectRepository(JdbcTemplate jdbcTemplate) {
		return new SubjectRepository(jdbcTemplate);
	}

}
